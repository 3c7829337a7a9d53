export * from './channels';
export * from './events';
export * as schemas from './schemas';
