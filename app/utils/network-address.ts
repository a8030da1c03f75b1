/**
 * The network a client address belongs to, for "one person" limits: an IPv4 address as is, an
 * IPv6 address cut to its /64 (a home or phone usually gets a whole /64 and picks addresses in it freely).
 */
export function networkOf(address: string): string {
  const ip = address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(":")) return ip;
  const [head, tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 forms) fills two groups; only the first four groups matter here.
  const missing = Math.max(0, 8 - left.length - right.length);
  const groups = ip.includes("::") ? [...left, ...Array<string>(missing).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(":")}::/64`;
}
