export * from './organizations';
export * from './audit';
export * from './jobs';
