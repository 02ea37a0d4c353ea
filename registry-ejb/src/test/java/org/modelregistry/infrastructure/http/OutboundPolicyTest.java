package org.modelregistry.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundPolicyTest {

    /** A DNS of our own: no test depends on the network. */
    private static final Map<String, String> DNS = Map.of(
            "localhost",
            "127.0.0.1",
            "public.example",
            "93.184.215.14",
            "rebind.example",
            "10.0.0.7",
            "metadata.google.internal",
            "169.254.169.254",
            "ci.internal",
            "10.1.2.3",
            "v6only.example",
            "2606:4700::6810:84e5");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String a = DNS.get(host);
        if (a == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(a)};
    }

    private static OutboundPolicy policy(String allow) {
        return OutboundPolicy.of(allow, OutboundPolicyTest::resolve);
    }

    private static String refusal(String url) {
        return policy("").check(url).refusal();
    }

    @Test
    void publicAddressesAndNamesAreCalledAtTheAddressThatWasChecked() throws Exception {
        OutboundPolicy.Decision d = policy("").check("https://public.example/hook");
        assertThat(d.allowed()).isTrue();
        assertThat(d.addresses()).containsExactly(InetAddress.getByName("93.184.215.14"));
        assertThat(policy("").check("http://93.184.215.14:8080/").allowed()).isTrue();
        assertThat(policy("").check("http://v6only.example/").allowed()).isTrue();
        assertThat(policy("").check("http://[2606:4700::6810:84e5]/").allowed()).isTrue();
    }

    @Test
    void everyInternalAddressClassIsRefused() {
        assertThat(refusal("http://127.0.0.1:15432/")).contains("loopback");
        assertThat(refusal("http://127.8.9.10/")).contains("loopback");
        assertThat(refusal("http://[::1]/")).contains("loopback");
        assertThat(refusal("http://0.0.0.0/")).contains("unspecified");
        assertThat(refusal("http://[::]/")).contains("unspecified");
        assertThat(refusal("http://169.254.169.254/latest/meta-data/")).contains("link-local");
        assertThat(refusal("http://[fe80::1]/")).contains("link-local");
        assertThat(refusal("http://10.0.0.1/")).contains("private");
        assertThat(refusal("http://172.16.0.1/")).contains("private");
        assertThat(refusal("http://172.31.255.255/")).contains("private");
        assertThat(refusal("http://172.32.0.1/")).isNull();
        assertThat(refusal("http://192.168.1.1/")).contains("private");
        assertThat(refusal("http://[fc00::1]/")).contains("private");
        assertThat(refusal("http://[fd00:ec2::254]/")).as("AWS' IPv6 metadata").contains("private");
        assertThat(refusal("http://100.64.0.1/")).contains("CGNAT");
        assertThat(refusal("http://100.100.100.200/")).as("Alibaba's metadata").contains("CGNAT");
        assertThat(refusal("http://224.0.0.1/")).contains("multicast");
        assertThat(refusal("http://[ff02::1]/")).contains("multicast");
        assertThat(refusal("http://255.255.255.255/")).contains("broadcast");
        assertThat(refusal("http://168.63.129.16/")).contains("metadata");
    }

    @Test
    void ipv6FormsCarryingAnInternalIpv4AddressAreRefused() {
        assertThat(refusal("http://[::ffff:127.0.0.1]/")).contains("loopback");
        assertThat(refusal("http://[::ffff:7f00:1]/")).contains("loopback");
        assertThat(refusal("http://[::ffff:169.254.169.254]/")).contains("link-local");
        assertThat(refusal("http://[::ffff:10.0.0.1]/")).contains("private");
        assertThat(refusal("http://[::127.0.0.1]/")).as("IPv4-compatible").contains("loopback");
        assertThat(refusal("http://[64:ff9b::a9fe:a9fe]/"))
                .as("NAT64 of 169.254.169.254")
                .contains("link-local");
        assertThat(refusal("http://[2002:7f00:1::]/")).as("6to4 of 127.0.0.1").contains("loopback");
        assertThat(refusal("http://[::ffff:93.184.215.14]/")).isNull();
    }

    @Test
    void numericSpellingsOfIpv4AreJudgedByTheAddressTheySpell() {
        assertThat(refusal("http://2130706433/")).contains("loopback");
        assertThat(refusal("http://0x7f.1/")).contains("loopback");
        assertThat(refusal("http://0x7f000001/")).contains("loopback");
        assertThat(refusal("http://017700000001/")).contains("loopback");
        assertThat(refusal("http://0177.0.0.1/")).contains("loopback");
        assertThat(refusal("http://127.1/")).contains("loopback");
        assertThat(refusal("http://127.0.1/")).contains("loopback");
        assertThat(refusal("http://0/")).contains("unspecified");
        assertThat(refusal("http://0xa9.0xfe.0xa9.0xfe/")).contains("link-local");
        assertThat(refusal("http://2852039166/")).as("169.254.169.254").contains("link-local");
        assertThat(refusal("http://127.0.0.1./")).contains("loopback");
        assertThat(OutboundPolicy.literal("256.1.1.1")).isNull();
        assertThat(OutboundPolicy.literal("1.2.3.4.5")).isNull();
        assertThat(OutboundPolicy.literal("cafe.example")).isNull();
    }

    @Test
    void namesAreJudgedByEveryAddressTheyResolveTo() {
        assertThat(refusal("http://localhost:8080/")).contains("resolves to").contains("loopback");
        assertThat(refusal("http://LOCALHOST./")).contains("loopback");
        assertThat(refusal("http://rebind.example/")).contains("private");
        assertThat(refusal("http://metadata.google.internal/computeMetadata/v1/"))
                .contains("link-local");
        assertThat(refusal("http://nowhere.example/")).isEqualTo("the host name does not resolve");
        assertThat(policy("").checkAtCreation("http://nowhere.example/"))
                .as("checked again when called")
                .isEmpty();
        assertThat(policy("").checkAtCreation("http://localhost/"))
                .get()
                .asString()
                .contains("loopback");
        assertThat(refusal("ftp://public.example/")).isNotNull();
        assertThat(refusal("file:///etc/passwd")).isNotNull();
    }

    @Test
    void theAllowListOpensChosenHostsRangesAndPortsOnly() {
        OutboundPolicy p = policy("127.0.0.1:18080, ci.internal, 10.9.0.0/16, [fd00::/8]:443, 192.168.1.5");
        assertThat(p.check("http://127.0.0.1:18080/hook").allowed()).isTrue();
        assertThat(p.check("http://127.0.0.1:15432/").allowed())
                .as("another port")
                .isFalse();
        assertThat(p.check("http://127.0.0.1/").allowed())
                .as("the default port")
                .isFalse();
        assertThat(p.check("http://localhost:18080/").allowed())
                .as("an address rule, whatever the name")
                .isTrue();
        assertThat(p.check("http://localhost:15432/").allowed()).isFalse();
        assertThat(p.check("https://ci.internal/job/build").allowed()).isTrue();
        assertThat(p.check("http://10.1.2.3/").allowed())
                .as("ci.internal's address by number")
                .isFalse();
        assertThat(p.check("http://10.9.200.1:8443/").allowed()).isTrue();
        assertThat(p.check("http://10.10.0.1/").allowed()).isFalse();
        assertThat(p.check("https://[fd12::1]/").allowed()).isTrue();
        assertThat(p.check("http://[fd12::1]/").allowed()).as("port 80").isFalse();
        assertThat(p.check("http://192.168.1.5/").allowed()).isTrue();
        assertThat(p.check("http://[::ffff:192.168.1.5]/").allowed())
                .as("the mapped form of an allowed address")
                .isTrue();
        assertThat(p.check("http://169.254.169.254/").allowed()).isFalse();
        assertThatThrownBy(() -> policy("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy("ci.internal:http")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameOriginComparesSchemeHostAndEffectivePort() {
        assertThat(OutboundPolicy.sameOrigin("https://ci.example.com/a", "https://CI.example.com:443/b"))
                .isTrue();
        assertThat(OutboundPolicy.sameOrigin("https://ci.example.com/a", "http://ci.example.com/a"))
                .isFalse();
        assertThat(OutboundPolicy.sameOrigin("https://ci.example.com/a", "https://ci.example.com:8443/a"))
                .isFalse();
        assertThat(OutboundPolicy.sameOrigin("https://ci.example.com/a", "https://evil.example/a"))
                .isFalse();
    }
}
