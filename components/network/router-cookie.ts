/** The router a NOC operator last picked in the header; the sessions page starts filtered on it. */
export const ROUTER_COOKIE = 'jaring-router';
export const ROUTER_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;
