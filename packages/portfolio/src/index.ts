export * from './construction';
export * from './analytics';
