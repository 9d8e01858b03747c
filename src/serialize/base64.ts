// Base64 lives in utils/, where the webhooks entry (which must not reach serialize/) reads it too.
export { base64Length, decodeBase64, encodeBase64 } from '../utils/base64.js';
