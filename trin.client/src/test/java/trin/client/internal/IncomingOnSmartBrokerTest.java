package trin.client.internal;

class IncomingOnSmartBrokerTest extends IncomingScenarios {

    @Override
    BrokerKind broker() {
        return BrokerKind.SMART;
    }
}
