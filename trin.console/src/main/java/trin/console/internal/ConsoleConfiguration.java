package trin.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@value #PID}: who may open the web console. */
@ObjectClassDefinition(id = ConsoleConfiguration.PID, name = "trin web console",
        description = "The user trin and its password, for every page of the web console and /trin/status")
@interface ConsoleConfiguration {

    String PID = "trin.console";

    @AttributeDefinition(name = "Password hash", type = AttributeType.PASSWORD,
            description = "The password of the user trin as {pbkdf2-sha256}<iterations>$<salt>$<hash>, the line "
                    + "that bin/trin console-password prints (the old unsalted {sha-256}<Base64 digest> is still "
                    + "read, with a warning). When set it wins; when empty, the password in the password file holds")
    String passwordHash() default "";

    @AttributeDefinition(name = "Password file",
            description = "Where the password made at random at the first start is kept (mode 0600), when no hash "
                    + "is set; empty: data/console.password in trin's directory")
    String passwordFile() default "";
}
