// Client addresses, as sign-in throttling sees them. The worker copies Cloudflare's
// `CF-Connecting-IP` into CLIENT_ADDRESS_HEADER on every request it forwards to a database,
// after deleting any copy the client sent, so the object can trust that header: nothing but
// the worker reaches the object's fetch.

export const CLIENT_ADDRESS_HEADER = "x-trove-client-address";

/** Longest address text kept (an IPv6 address with a zone is under 64). */
const MAX_ADDRESS = 64;

/** The group an address belongs to for counting failures: an IPv4 address itself, an IPv6
 *  address's /64 (one subscriber usually holds a whole /64, so counting single IPv6
 *  addresses would let one attacker rotate through billions). Anything unreadable is
 *  "unknown", which is counted as one address. */
export function addressGroup(address: string | null | undefined): string {
  const text = (address ?? "").trim().toLowerCase();
  if (!text || text.length > MAX_ADDRESS) return "unknown";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return text;
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(text);
  if (mapped) return mapped[1]!;
  const bare = text.split("%")[0]!;
  if (!/^[0-9a-f:]+$/.test(bare) || !bare.includes(":")) return "unknown";
  const halves = bare.split("::");
  if (halves.length > 2) return "unknown";
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return "unknown";
  const groups = [...head, ...Array<string>(missing).fill("0"), ...tail];
  if (groups.some((g) => g.length === 0 || g.length > 4)) return "unknown";
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
