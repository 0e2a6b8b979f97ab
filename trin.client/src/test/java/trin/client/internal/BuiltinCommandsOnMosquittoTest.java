package trin.client.internal;

class BuiltinCommandsOnMosquittoTest extends BuiltinCommandScenarios {

    @Override
    BrokerKind broker() {
        return BrokerKind.MOSQUITTO;
    }
}
