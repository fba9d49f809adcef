import { GATEWAYS, type GatewayName, type PaymentGateway } from '../types';
import { duitku } from './duitku';
import { midtrans } from './midtrans';
import { tripay } from './tripay';
import { xendit } from './xendit';

/** Every gateway module by name: adding a gateway is one module and one line here. */
export const GATEWAY_MODULES: Record<GatewayName, PaymentGateway> = { midtrans, xendit, tripay, duitku };

export function gatewayModule(name: string): PaymentGateway | null {
  return (GATEWAYS as readonly string[]).includes(name) ? GATEWAY_MODULES[name as GatewayName] : null;
}
