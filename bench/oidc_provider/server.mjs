// node-oidc-provider configured as a client-credentials issuer of JWT access tokens for one
// resource, so bench/issuer.py can compare token endpoints at the same signing algorithm.
//
// Usage: node server.mjs <path to oidc-provider's lib/index.js>
// Env: BENCH_ALG (RS256 | ES256 | EdDSA), BENCH_CLIENT_ID, BENCH_CLIENT_SECRET, BENCH_RESOURCE,
//      BENCH_SCOPE (space-separated), BENCH_TOKEN_LIFETIME (seconds).
// Prints "oidc-provider listening on http://127.0.0.1:PORT" once it accepts requests.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
};

const alg = env('BENCH_ALG');
const clientId = env('BENCH_CLIENT_ID');
const clientSecret = env('BENCH_CLIENT_SECRET');
const resource = env('BENCH_RESOURCE');
const scope = env('BENCH_SCOPE');
const lifetime = Number(env('BENCH_TOKEN_LIFETIME'));

// The same key types camunda-hub uses for each algorithm.
const keyTypes = {
  RS256: ['rsa', { modulusLength: 2048 }],
  ES256: ['ec', { namedCurve: 'P-256' }],
  EdDSA: ['ed25519', {}],
};
if (!(alg in keyTypes)) {
  console.error(`unsupported BENCH_ALG ${alg}`);
  process.exit(2);
}
const { privateKey } = generateKeyPairSync(...keyTypes[alg]);
const jwk = { ...privateKey.export({ format: 'jwk' }), alg, use: 'sig', kid: `bench-${alg}` };

const { default: Provider } = await import(pathToFileURL(process.argv[2]).href);

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: alg,
        scope,
      },
    ],
    jwks: { keys: [jwk] },
    scopes: scope.split(' '),
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) {
            throw new Provider.errors.InvalidTarget();
          }
          return {
            scope,
            audience: resource,
            accessTokenTTL: lifetime,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg } },
          };
        },
      },
    },
    // The same extra claim camunda-hub puts in its tokens, so both mint comparable JWTs.
    extraTokenClaims: (_ctx, token) => ({
      permissions: { [resource]: (token.scope || '').split(' ').filter(Boolean) },
    }),
  });
  server.on('request', provider.callback());
  console.log(`oidc-provider listening on ${issuer}`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
