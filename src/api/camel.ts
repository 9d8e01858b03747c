// camelize lives beside the schemas, where the webhooks entry (which must not reach api/) reads it too.
export { camelize } from '../schemas/camel.js';
