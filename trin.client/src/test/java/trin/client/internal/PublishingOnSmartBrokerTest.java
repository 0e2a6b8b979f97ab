package trin.client.internal;

class PublishingOnSmartBrokerTest extends PublishingScenarios {

    @Override
    BrokerKind broker() {
        return BrokerKind.SMART;
    }
}
