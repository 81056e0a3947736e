// Types for the generated standalone validator (see scripts/gen-schema.ts).
export declare function validate(data: unknown): boolean;
export default validate;
