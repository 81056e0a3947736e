import { describeKerasTable } from './keras-table.js';

// MultiHeadAttention, Attention, AdditiveAttention; ViT's ClassToken and AddPositionEmbedding.
describeKerasTable('attention');
describeKerasTable('vit');
