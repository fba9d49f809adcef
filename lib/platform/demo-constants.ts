/** The demo ISP's public logins (README, start banner): never valid where the demo is off. */
export const DEMO_PASSWORD = 'jaring123';
export const DEMO_DOMAIN = 'demo.jaring.id';
export const DEMO_ORG_SLUG = 'demo';
export const demoEmail = (role: string) => `${role.replace('_', '')}@${DEMO_DOMAIN}`;
