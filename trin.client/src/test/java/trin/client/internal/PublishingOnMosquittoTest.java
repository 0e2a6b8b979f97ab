package trin.client.internal;

class PublishingOnMosquittoTest extends PublishingScenarios {

    @Override
    BrokerKind broker() {
        return BrokerKind.MOSQUITTO;
    }
}
