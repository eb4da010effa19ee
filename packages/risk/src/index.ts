export * from './statistical';
export * from './book';
