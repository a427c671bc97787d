import { generateSecret, generateURI, verify } from 'otplib';
import type { Clock } from '../clock.ts';

export const newSecondFactorSecret = () => generateSecret();

export const secondFactorUri = (email: string, secret: string) =>
  generateURI({ issuer: 'Vaka', label: email, secret });

/** Returns the accepted time step, or undefined. One step either side forgives a phone's clock drift. */
export async function checkSecondFactorCode(
  clock: Clock,
  secret: string,
  code: string,
  lastStep: number | null,
): Promise<number | undefined> {
  const epoch = Math.floor(clock.now().getTime() / 1000);
  const result = await verify({
    secret,
    token: code,
    epoch,
    epochTolerance: 30,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  // The matched step is the current 30-second step moved by the drift the library found.
  return result.valid ? Math.floor(epoch / 30) + result.delta : undefined;
}
