package trin.crypto.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration {@code trin.crypto}, shared by the credentials and the
 * registrar: a configuration PID has one definition in metatype.
 */
@ObjectClassDefinition(
        id = FileCredentials.PID,
        name = "trin crypto",
        description = "Where the device's key and CID are kept, and where the device registers with the Smart platform.")
@interface CryptoConfiguration {

    @AttributeDefinition(
            name = "Key directory",
            description = "Directory of the key file trinqtt and the CID file trinqtt.cid.")
    String keyDir() default "/opt/trinity";

    @AttributeDefinition(
            name = "Registration URL",
            description = "Base URL of the Smart auto-registration service; the device's UID and a slash are appended.")
    String registrationUrl() default "https://smart.trintel.co.za/api/device_management/mqtt_auto_reg/";

    @AttributeDefinition(
            name = "Registration timeout",
            description = "Seconds to wait for the registration service to connect and to answer.",
            min = "1")
    int registrationTimeout() default 30;
}
