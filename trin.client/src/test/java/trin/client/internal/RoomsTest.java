package trin.client.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * trin.client's rooms (see this package's package-info): no cycle between them, and every dependency
 * points down, from the component through the session, the commands, the reports, the way out and the
 * connection to the rooms that use none of the others.
 */
class RoomsTest {

    private static final String ROOT = "trin.client.internal";
    private static final String[] ROOMS = {"shell", "session", "commands", "report", "outgoing", "connection",
        "threads", "status", "settings", "codec", "outbox", "upgrade"};

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void noCycleBetweenRooms() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void everyClassLivesInARoomOrWithTheComponent() {
        String[] packages = new String[ROOMS.length + 1];
        packages[0] = ROOT;
        for (int i = 0; i < ROOMS.length; i++) {
            packages[i + 1] = ROOT + "." + ROOMS[i];
        }
        classes().should().resideInAnyPackage(packages).check(production);
    }

    @Test
    void dependenciesPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("component").definedBy(ROOT)
                .layer("shell").definedBy(room("shell"))
                .layer("session").definedBy(room("session"))
                .layer("commands").definedBy(room("commands"))
                .layer("report").definedBy(room("report"))
                .layer("outgoing").definedBy(room("outgoing"))
                .layer("connection").definedBy(room("connection"))
                .layer("threads").definedBy(room("threads"))
                .layer("status").definedBy(room("status"))
                .layer("settings").definedBy(room("settings"))
                .layer("codec").definedBy(room("codec"))
                .layer("outbox").definedBy(room("outbox"))
                .layer("upgrade").definedBy(room("upgrade"))

                .whereLayer("component").mayNotBeAccessedByAnyLayer()
                .whereLayer("shell").mayOnlyBeAccessedByLayers("component")
                .whereLayer("session").mayOnlyBeAccessedByLayers("component")
                .whereLayer("commands").mayOnlyBeAccessedByLayers("component", "session")
                .whereLayer("report").mayOnlyBeAccessedByLayers("component", "session", "commands")
                .whereLayer("outgoing").mayOnlyBeAccessedByLayers("component", "session", "commands", "report")
                .whereLayer("connection").mayOnlyBeAccessedByLayers("session", "commands")

                .whereLayer("shell").mayOnlyAccessLayers("settings", "codec")
                .whereLayer("commands").mayOnlyAccessLayers("report", "outgoing", "connection", "threads",
                        "status", "settings", "codec", "upgrade")
                .whereLayer("report").mayOnlyAccessLayers("outgoing")
                .whereLayer("outgoing").mayOnlyAccessLayers("threads", "status", "codec", "outbox")
                .whereLayer("connection").mayOnlyAccessLayers("threads", "status", "settings")
                .whereLayer("threads").mayNotAccessAnyLayer()
                .whereLayer("status").mayNotAccessAnyLayer()
                .whereLayer("settings").mayNotAccessAnyLayer()
                .whereLayer("codec").mayNotAccessAnyLayer()
                .whereLayer("outbox").mayNotAccessAnyLayer()
                .whereLayer("upgrade").mayNotAccessAnyLayer()
                .check(production);
    }

    private static String room(String name) {
        return ROOT + "." + name + "..";
    }
}
