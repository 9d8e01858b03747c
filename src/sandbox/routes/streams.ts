import { ENTITY_WORDING, ERROR_CODES } from '../../postmark/error-codes.js';
import { MESSAGE_STREAM_TYPES } from '../../postmark/streams.js';
import { failure, ok, type Reply, unprocessable } from '../http.js';
import { readBoolean, readChoice } from '../paging.js';
import type { Route, RouteRequest } from '../router.js';
import { purgeDate, type StoredStream, streamRecord } from '../streams.js';

/** The Message Streams API: list, get, create, edit (PATCH), archive, unarchive. */
export const streamRoutes: readonly Route[] = [
  { method: 'GET', path: '/message-streams', body: 'none', handle: listStreams },
  { method: 'POST', path: '/message-streams', body: 'json', handle: createStream },
  {
    method: 'GET',
    path: '/message-streams/:id',
    body: 'none',
    handle: (request) => ok(streamRecord(findStream(request), request.context.serverId)),
  },
  { method: 'PATCH', path: '/message-streams/:id', body: 'json', handle: editStream },
  { method: 'POST', path: '/message-streams/:id/archive', body: 'none', handle: archive },
  { method: 'POST', path: '/message-streams/:id/unarchive', body: 'none', handle: unarchive },
];

const TYPE_FILTERS = ['All', ...MESSAGE_STREAM_TYPES];

function listStreams({ query, context }: RouteRequest): Reply {
  const type = readChoice(query, 'messagestreamtype', TYPE_FILTERS) ?? 'All';
  const archived = readBoolean(query, 'includearchivedstreams') ?? false;
  const streams = context.streams
    .list()
    .filter((stream) => type === 'All' || stream.type === type)
    .filter((stream) => archived || stream.archivedAt === null);
  const serverId = context.serverId;
  return ok({
    MessageStreams: streams.map((stream) => streamRecord(stream, serverId)),
    TotalCount: streams.length,
  });
}

function createStream({ json, context }: RouteRequest): Reply {
  const created = context.streams.create(json, context.now());
  return 'errorCode' in created ? failure(created) : ok(streamRecord(created, context.serverId));
}

function editStream(request: RouteRequest): Reply {
  const stream = findStream(request);
  const { json, context } = request;
  const problem = context.streams.edit(stream, json, context.now());
  return problem ? failure(problem) : ok(streamRecord(stream, context.serverId));
}

function archive(request: RouteRequest): Reply {
  const stream = findStream(request);
  const problem = request.context.streams.archive(stream, request.context.now());
  if (problem) return failure(problem);
  return ok({
    ID: stream.id,
    ServerID: request.context.serverId,
    ExpectedPurgeDate: new Date(purgeDate(stream) ?? 0).toISOString(),
  });
}

function unarchive(request: RouteRequest): Reply {
  const stream = findStream(request);
  stream.archivedAt = null;
  return ok(streamRecord(stream, request.context.serverId));
}

/** The stream of the path's `:id` (or `:stream`); ErrorCode 1235 when the server has none. */
export function findStream({ params, context }: RouteRequest): StoredStream {
  const id = params.id ?? params.stream ?? '';
  const stream = context.streams.get(id);
  if (stream === undefined)
    throw unprocessable(ERROR_CODES.streamNotFound, ENTITY_WORDING.streamNotFound(id));
  return stream;
}
