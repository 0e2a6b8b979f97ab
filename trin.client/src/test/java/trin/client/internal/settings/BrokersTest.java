package trin.client.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokersTest {

    @Test
    void oneHostTakesThePortSetting() {
        assertThat(Brokers.parse("mqtt.trintel.co.za", 1883)).containsExactly(
                new Brokers.Address("mqtt.trintel.co.za", 1883));
    }

    @Test
    void severalHostsKeepTheirOrderAndTheirOwnPorts() {
        assertThat(Brokers.parse("a.example:8883, b.example ,[::1]:1884,::1", 1883)).containsExactly(
                new Brokers.Address("a.example", 8883), new Brokers.Address("b.example", 1883),
                new Brokers.Address("::1", 1884), new Brokers.Address("::1", 1883));
        assertThat(new Brokers.Address("::1", 1884).authority()).isEqualTo("[::1]:1884");
    }

    @Test
    void aBadEntryIsNamed() {
        assertThatThrownBy(() -> Brokers.parse("a.example,b.example:99999", 1883))
                .hasMessageContaining("'b.example:99999'");
        assertThatThrownBy(() -> Brokers.parse("a.example,", 1883)).hasMessageContaining("''");
        assertThatThrownBy(() -> Brokers.parse("a example", 1883)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Setting.HOST.check("a.example:1,b.example")).isEqualTo("a.example:1,b.example");
        assertThatThrownBy(() -> Setting.HOST.check("a.example:x")).hasMessageContaining("host[:port]");
    }
}
