package org.modelregistry.infrastructure.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which hosts the registry may call on its users' behalf (deployment targets, webhooks). By default only public
 * unicast addresses: loopback, unspecified, link-local, private (RFC 1918, unique local IPv6), shared (CGNAT),
 * multicast, broadcast and reserved ranges and the cloud metadata addresses are refused, in every spelling (IPv4
 * numbers in decimal, octal or hex, one to four parts as {@code inet_aton} reads them; IPv4-mapped, -compatible,
 * NAT64 and 6to4 IPv6 forms are judged by the IPv4 address they carry). The allow-list
 * ({@code registry.outbound.allow}) lets an installation call chosen internal hosts: host names, addresses or CIDR
 * ranges, each optionally limited to one port ({@code ci.internal:8443}, {@code 10.1.0.0/16}, {@code [fd00::1]:443}).
 *
 * <p>A host name is allowed only when every address it resolves to is; {@link OutboundClient} connects to the very
 * addresses this policy checked, so a name cannot be re-pointed between the check and the connection.
 */
public final class OutboundPolicy {

    /** Resolves a host name; {@link InetAddress#getAllByName} in production, a table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The outcome of a check: the addresses to connect to, or why not. */
    public record Decision(List<InetAddress> addresses, String refusal) {
        public boolean allowed() {
            return refusal == null;
        }
    }

    private record Rule(String host, byte[] network, int prefix, int port) {
        boolean matches(String name, InetAddress address, int p) {
            if (port >= 0 && port != p) {
                return false;
            }
            if (host != null) {
                return host.equals(name);
            }
            return inRange(address.getAddress(), network, prefix);
        }
    }

    private final List<Rule> allow;
    private final Resolver resolver;

    private OutboundPolicy(List<Rule> allow, Resolver resolver) {
        this.allow = allow;
        this.resolver = resolver;
    }

    /** The policy with this allow-list (comma-separated; blank for none), resolving names through DNS. */
    public static OutboundPolicy of(String allowList) {
        return of(allowList, InetAddress::getAllByName);
    }

    public static OutboundPolicy of(String allowList, Resolver resolver) {
        List<Rule> rules = new ArrayList<>();
        if (allowList != null) {
            for (String entry : allowList.split(",")) {
                if (!entry.isBlank()) {
                    rules.add(rule(entry.trim().toLowerCase(Locale.ROOT)));
                }
            }
        }
        return new OutboundPolicy(List.copyOf(rules), resolver);
    }

    private static Rule rule(String entry) {
        String target = entry;
        int port = -1;
        if (entry.startsWith("[")) { // [v6 address or range]:port
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("registry.outbound.allow: no ] in " + entry);
            }
            target = entry.substring(1, close);
            if (close + 1 < entry.length()) {
                port = port(entry, entry.substring(close + 1));
            }
        } else if (entry.indexOf(':') == entry.lastIndexOf(':') && entry.indexOf(':') > 0) { // name or v4 with :port
            target = entry.substring(0, entry.indexOf(':'));
            port = port(entry, entry.substring(entry.indexOf(':')));
        }
        int slash = target.indexOf('/');
        String address = slash < 0 ? target : target.substring(0, slash);
        InetAddress literal = literal(address);
        if (literal == null) {
            if (slash >= 0 || address.isEmpty()) {
                throw new IllegalArgumentException("registry.outbound.allow: not a host, address or CIDR: " + entry);
            }
            return new Rule(trimDot(address), null, 0, port);
        }
        byte[] bytes = literal.getAddress();
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(target.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("registry.outbound.allow: bad prefix length in " + entry);
            }
        }
        return new Rule(null, bytes, prefix, port);
    }

    private static int port(String entry, String colonPort) {
        try {
            int p = Integer.parseInt(colonPort.substring(1));
            if (colonPort.charAt(0) == ':' && p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // reported below
        }
        throw new IllegalArgumentException("registry.outbound.allow: bad port in " + entry);
    }

    /**
     * Checks a URL as its host is now: the addresses to connect to (in resolution order), or a refusal. A host name
     * that does not resolve is refused here; {@link #checkAtCreation} accepts it, since it is checked again at call
     * time.
     */
    public Decision check(String url) {
        Target t = target(url);
        if (t.refusal != null) {
            return new Decision(List.of(), t.refusal);
        }
        InetAddress[] addresses;
        if (t.literal != null) {
            addresses = new InetAddress[] {t.literal};
        } else {
            try {
                addresses = resolver.resolve(t.host);
            } catch (UnknownHostException e) {
                return new Decision(List.of(), "the host name does not resolve");
            }
        }
        List<InetAddress> ok = new ArrayList<>();
        for (InetAddress a : addresses) {
            String refused = refusal(t.host, a, t.port);
            if (refused != null) {
                return new Decision(List.of(), (t.literal == null ? "the host name resolves to " : "") + refused);
            }
            ok.add(a);
        }
        return ok.isEmpty() ? new Decision(List.of(), "the host name does not resolve") : new Decision(ok, null);
    }

    /** The check made when a target or webhook is saved: empty when allowed (or a name not resolvable yet). */
    public Optional<String> checkAtCreation(String url) {
        Target t = target(url);
        if (t.refusal != null) {
            return Optional.of(t.refusal);
        }
        Decision d = check(url);
        if (d.allowed() || (t.literal == null && d.refusal().equals("the host name does not resolve"))) {
            return Optional.empty();
        }
        return Optional.of(d.refusal());
    }

    private String refusal(String host, InetAddress address, int port) {
        for (Rule r : allow) {
            if (r.matches(host, address, port)) {
                return null;
            }
        }
        String kind = addressClass(address);
        return kind == null
                ? null
                : "a " + kind + " address, which the registry does not call (registry.outbound.allow)";
    }

    private record Target(String host, InetAddress literal, int port, String refusal) {}

    private static Target target(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return new Target(null, null, -1, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Target(null, null, -1, "only http and https URLs are called");
        }
        String host = host(uri);
        if (host == null || host.isEmpty()) {
            return new Target(null, null, -1, "no host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Target(host, literal(host), port, null);
    }

    /**
     * The URL's host, lower case, without a trailing dot. {@link URI#getHost} is null for hosts such as
     * {@code 2130706433} or {@code 0x7f.1} (not valid host names), which other HTTP stacks happily call: read them
     * from the authority so that they are judged by the address they spell.
     */
    static String host(URI uri) {
        String host = uri.getHost();
        if (host == null && uri.getRawAuthority() != null) {
            String authority = uri.getRawAuthority();
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = authority.startsWith("[")
                    ? authority.indexOf(':', authority.indexOf(']'))
                    : authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
        }
        if (host == null) {
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return trimDot(host.toLowerCase(Locale.ROOT));
    }

    private static String trimDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /**
     * The address a host spells without asking DNS, or null for a name: IPv6 literals and IPv4 in every form
     * {@code inet_aton} accepts (1 to 4 parts, each decimal, octal with a leading 0, or hex with 0x).
     */
    public static InetAddress literal(String host) {
        try {
            if (host.indexOf(':') >= 0) {
                return host.matches("[0-9a-fA-F:.]+(%[0-9A-Za-z]+)?") ? InetAddress.getByName(host) : null;
            }
            String[] parts = host.split("\\.", -1);
            if (parts.length > 4) {
                return null;
            }
            long[] values = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                if (p.isEmpty()) {
                    return null;
                }
                int radix = 10;
                if (p.length() > 1 && (p.startsWith("0x") || p.startsWith("0X"))) {
                    radix = 16;
                    p = p.substring(2);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    radix = 8;
                    p = p.substring(1);
                }
                if (p.isEmpty() || p.length() > 12 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return null;
                }
                values[i] = Long.parseLong(p, radix);
            }
            long value = 0;
            for (int i = 0; i < values.length - 1; i++) {
                if (values[i] > 255) {
                    return null;
                }
                value |= values[i] << (8 * (3 - i));
            }
            long last = values[values.length - 1];
            if (last >= 1L << (8 * (5 - values.length))) {
                return null;
            }
            value |= last;
            return InetAddress.getByAddress(
                    host, new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value});
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }

    private static final String[][] V4_BLOCKED = {
        {"0.0.0.0/8", "unspecified"},
        {"127.0.0.0/8", "loopback"},
        {"10.0.0.0/8", "private"},
        {"172.16.0.0/12", "private"},
        {"192.168.0.0/16", "private"},
        {"100.64.0.0/10", "shared (CGNAT)"},
        {"169.254.0.0/16", "link-local (cloud metadata)"},
        {"192.0.0.0/24", "reserved"},
        {"198.18.0.0/15", "reserved"},
        {"224.0.0.0/4", "multicast"},
        {"240.0.0.0/4", "reserved or broadcast"},
        {"168.63.129.16/32", "cloud metadata"}
    };
    private static final String[][] V6_BLOCKED = {
        {"::/128", "unspecified"}, {"::1/128", "loopback"}, {"fe80::/10", "link-local"},
        {"fec0::/10", "site-local"}, {"fc00::/7", "private (unique local)"}, {"ff00::/8", "multicast"},
        {"2001::/32", "Teredo"}, {"100::/64", "discard"}
    };

    /** What kind of address the registry does not call by default, or null for a public unicast address. */
    public static String addressClass(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            for (String[] r : V6_BLOCKED) {
                if (inRange(b, cidr(r[0]), prefixOf(r[0]))) {
                    return r[1];
                }
            }
            byte[] embedded = embeddedV4(b);
            if (embedded != null) {
                try {
                    return addressClass(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    return "malformed";
                }
            }
            return null;
        }
        for (String[] r : V4_BLOCKED) {
            if (inRange(b, cidr(r[0]), prefixOf(r[0]))) {
                return r[1];
            }
        }
        return null;
    }

    /** The IPv4 address inside a mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 or 6to4 IPv6 address. */
    private static byte[] embeddedV4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        if (zeros80 && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (inRange(b, cidr("64:ff9b::/96"), 96) || inRange(b, cidr("64:ff9b:1::/48"), 48)) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b[0] == 0x20 && b[1] == 0x02) { // 6to4: 2002:AABB:CCDD::/48
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }

    private static byte[] cidr(String cidr) {
        String a = cidr.substring(0, cidr.indexOf('/'));
        InetAddress address = literal(a);
        if (address == null) {
            throw new IllegalStateException(cidr);
        }
        return address.getAddress();
    }

    private static int prefixOf(String cidr) {
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }

    private static boolean inRange(byte[] address, byte[] network, int prefix) {
        if (address.length != network.length) {
            // an IPv4 rule also covers the IPv4 address carried in a mapped IPv6 address, and the reverse
            byte[] v4 = address.length == 16 ? embeddedV4(address) : null;
            return v4 != null && network.length == 4 && inRange(v4, network, prefix);
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when both URLs reach the same receiver: scheme, host and port (the scheme's default when not given). A
     * change of any of them moves the registry's calls, and the credentials stored for them, to someone else.
     */
    public static boolean sameOrigin(String a, String b) {
        Target x = target(a);
        Target y = target(b);
        return x.refusal == null
                && y.refusal == null
                && x.host.equals(y.host)
                && x.port == y.port
                && a.regionMatches(true, 0, b, 0, a.indexOf(':') + 1);
    }

    /** True for an address given as such, so that a certificate is checked against it rather than a name. */
    static boolean isLiteral(String host) {
        return literal(host) != null;
    }
}
