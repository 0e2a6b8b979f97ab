package trin.client.internal;

class BuiltinCommandsOnSmartBrokerTest extends BuiltinCommandScenarios {

    @Override
    BrokerKind broker() {
        return BrokerKind.SMART;
    }
}
