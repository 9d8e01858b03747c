// Entry for Cloudflare Workers (workerd, without nodejs_compat): GET / runs the smoke suite.
import { smoke } from './smoke.mjs';

export default {
  async fetch(_request, env) {
    const results = await smoke({
      url: env.SANDBOX_URL,
      token: env.SANDBOX_TOKEN,
      fixturePath: undefined,
    });
    return Response.json({ runtime: 'workerd', results });
  },
};
