export * from './organizations';
export * from './audit';
export * from './jobs';
export * from './plans';
export * from './network';
export * from './customers';
export * from './billing';
export * from './radius';
