/**
 * The 64-bit FNV-1a hash and Kubernetes' `rand.SafeEncodeString`, the two halves of Grove's hash
 * (grove-spec §6.1). BigInt keeps the 64-bit multiplication exact.
 */
const FNV64_OFFSET_BASIS = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;

/** FNV-1a over the UTF-8 bytes of `text`, as an unsigned 64-bit integer. */
export function fnv64a(text: string): bigint {
  let hash = FNV64_OFFSET_BASIS;
  for (const byte of new TextEncoder().encode(text)) {
    hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * FNV64_PRIME);
  }
  return hash;
}

/** No vowels (no words) and no look-alikes such as 0/o or 1/l: what `rand.SafeEncodeString` maps to. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Kubernetes' `rand.SafeEncodeString`: each character becomes `SAFE_ALPHABET[codePoint % 27]`. */
export function safeEncodeString(text: string): string {
  return Array.from(text, (char) => SAFE_ALPHABET.charAt((char.codePointAt(0) ?? 0) % SAFE_ALPHABET.length)).join('');
}
