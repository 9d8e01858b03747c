// The settings of one Postmark server (GET and PUT /server), as the SDK checks them and the
// sandbox enforces them.

/** The colours Postmark shows servers in. */
export const SERVER_COLORS = Object.freeze([
  'purple',
  'blue',
  'turquoise',
  'green',
  'red',
  'yellow',
  'grey',
  'orange',
] as const);

export type ServerColor = (typeof SERVER_COLORS)[number];

/** The spam score over which inbound mail is blocked: Postmark takes 0 to 30. */
export const INBOUND_SPAM_THRESHOLD = Object.freeze({ min: 0, max: 30 });
