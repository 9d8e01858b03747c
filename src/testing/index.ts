// postmark-fluent/testing: test doubles that sit where HTTP would, under the Sender's
// retries and error mapping.

export { dryRunTransport } from '../transport/dry-run.js';
export type {
  RequestBody,
  Transport,
  TransportRequest,
  TransportResponse,
} from '../transport/types.js';
export { assertNothingSent, assertSent, type SentMatch } from './assertions.js';
export {
  type RecordedCall,
  type RecordingTransport,
  recordingTransport,
  type ScriptedAnswer,
} from './recording-transport.js';
