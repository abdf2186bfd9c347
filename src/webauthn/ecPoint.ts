// Whether an EC2 public key is a point on its curve (SEC 1 §3.2.2.1 partial validation): the check WebCrypto
// makes when it imports a key, without the import, so decoding a registration need not pay for one.
const CURVES: Readonly<Record<number, { p: bigint; b: bigint }>> = {
  1: {
    p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  },
  2: {
    p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  },
  3: {
    p: 2n ** 521n - 1n,
    b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
  },
};

const toBigInt = (b: Uint8Array): bigint => {
  let n = 0n;
  for (const x of b) n = (n << 8n) | BigInt(x);
  return n;
};

/** true or false for the NIST curves (COSE crv 1, 2, 3); undefined for any other curve. */
export function isOnCurve(crv: number, x: Uint8Array, y: Uint8Array): boolean | undefined {
  const c = CURVES[crv];
  if (!c) return undefined;
  const X = toBigInt(x);
  const Y = toBigInt(y);
  if (X >= c.p || Y >= c.p) return false;
  // y² = x³ − 3x + b (mod p): a = −3 on all three curves.
  return (Y * Y - (X * X * X - 3n * X + c.b)) % c.p === 0n;
}
