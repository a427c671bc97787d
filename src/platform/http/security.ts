import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from './problems.ts';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The web app's own policy, which it passes: no inline scripts, nothing from another origin.
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // Mantine sets CSS variables through a <style> element and style attributes.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

// Powerful browser features the app never uses, off for every page and answer, so injected or
// framed content cannot ask for them. Only names Chromium knows: an unknown one is a console error.
export const permissionsPolicy = [
  'accelerometer',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

// The origin the browser used (its Host) or the configured public one. A forged Host only fools
// non-browser clients, which carry no ambient cookie to abuse.
function isOwnOrigin(origin: string, request: FastifyRequest, publicUrl: string | undefined): boolean {
  if (origin === `${request.protocol}://${request.host}`) return true;
  return publicUrl !== undefined && origin === new URL(publicUrl).origin;
}

/**
 * CSRF defence for cookie-authenticated writes: browsers send Origin (and Sec-Fetch-Site) on every
 * cross-site write, so a write whose origin is not ours is refused. SameSite=Lax cookies are the
 * second wall. Bearer-token requests carry no ambient credential and are not checked.
 */
export function refuseCrossSiteWrite(request: FastifyRequest, publicUrl: string | undefined): void {
  if (!unsafeMethods.has(request.method)) return;
  if (request.headers.authorization) return;
  const origin = request.headers.origin;
  if (origin && !isOwnOrigin(origin, request, publicUrl)) {
    throw new Problem('cross-origin-refused', 'Writes are accepted only from Vaka itself.');
  }
  const site = request.headers['sec-fetch-site'];
  if (!origin && site && site !== 'same-origin' && site !== 'none') {
    throw new Problem('cross-origin-refused', 'Writes are accepted only from Vaka itself.');
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route answers people who are not signed in (sign-in, links from e-mails, the public
     * directory, the web app's files). Every other route answers 401 to them before reading the body.
     */
    public?: boolean;
  }
}

/**
 * Identity before anything else: on a route not marked public, a caller who is not signed in gets
 * 401 before the body is parsed or validated, so a stranger learns nothing of what a route expects.
 * An unknown address (no route) stays a 404.
 */
export function refuseAnonymousCaller(request: FastifyRequest): void {
  if (request.is404 || request.routeOptions.config.public) return;
  if (request.actor?.kind !== 'user') throw new Problem('unauthenticated');
}

/** Marks every route declared in this plugin public: for plugins whose routes we do not declare ourselves. */
export function markRoutesPublic(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, public: true };
  });
}
