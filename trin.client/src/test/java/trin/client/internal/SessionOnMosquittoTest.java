package trin.client.internal;

class SessionOnMosquittoTest extends SessionScenarios {

    @Override
    BrokerKind broker() {
        return BrokerKind.MOSQUITTO;
    }
}
