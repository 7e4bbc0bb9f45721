package io.banwatch.collector.ingest;

import io.banwatch.model.Software;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The links worked out on a request thread are the links the writer would have worked out. */
class LinkPlanTest {
    private static final List<Software> INVENTORY = List.of(
            Software.pkg("bash", "5.2.15-2+b2", "Matthias Klose", "dpkg", "amd64"),
            Software.pkg("kesl", "12.1.0-1297", "AO Kaspersky Lab", "dpkg", "amd64"),
            // Listed twice in the same scope: linked once.
            Software.pkg("bash", "5.2.15-2+b2", "Matthias Klose", "dpkg", "amd64"),
            new Software("Zoom", "6.1", "Zoom", "windows-uninstall", "user:S-1-5-21-1", null, null, null, null),
            new Software("Zoom", "6.1", "Zoom", "windows-uninstall", "machine", null, null, null, null));

    private Connection db;
    private final SoftwareIds softwareIds = new SoftwareIds(1000);
    private final ScopeIds scopeIds = new ScopeIds();

    @BeforeEach
    void catalogue() throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE software (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, version TEXT NOT NULL,"
                    + " publisher TEXT NOT NULL, source TEXT NOT NULL, arch TEXT NOT NULL,"
                    + " UNIQUE (name, version, publisher, source, arch))");
            s.execute("CREATE TABLE scopes (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE)");
            // Ids that are not 1, 2, 3: a mix-up of rows would show.
            s.execute("INSERT INTO software (id, name, version, publisher, source, arch) VALUES (40, 'x', '', '', 'dpkg', '')");
            s.execute("INSERT INTO scopes (id, name) VALUES (7, 'user:someone-else')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void aFleetsKnownPackagesArePackedBeforeTheWriterAndTheSameAsItWouldPackThem() throws SQLException {
        LinkPlan cold = LinkPlan.of(INVENTORY, softwareIds, scopeIds);
        assertThat(cold.isPacked()).isFalse();
        Learnt learnt = new Learnt();
        LinkPlan.Packed byWriter = cold.resolve(db, softwareIds, scopeIds, learnt);
        assertThat(byWriter.count()).isEqualTo(4);
        assertThat(learnt.software()).hasSize(3);
        assertThat(learnt.scopes()).containsOnlyKeys("machine", "user:S-1-5-21-1");

        // Not committed yet: nothing is packed from ids a rollback could take back.
        assertThat(LinkPlan.of(INVENTORY, softwareIds, scopeIds).isPacked()).isFalse();
        softwareIds.remember(learnt.software());
        scopeIds.remember(learnt.scopes());

        LinkPlan warm = LinkPlan.of(INVENTORY, softwareIds, scopeIds);
        assertThat(warm.isPacked()).isTrue();
        LinkPlan.Packed beforeTheWriter = warm.resolve(null, softwareIds, scopeIds, new Learnt());
        assertThat(beforeTheWriter.bytes()).isEqualTo(byWriter.bytes());
        assertThat(beforeTheWriter.count()).isEqualTo(byWriter.count());
        long[] pairs = PackedLinks.decode(beforeTheWriter.bytes());
        assertThat(pairs).hasSize(8);
        assertThat(pairs[0]).isGreaterThan(40);
    }

    @Test
    void oneUnknownPackageOrScopeLeavesTheWholeInventoryToTheWriter() throws SQLException {
        Learnt learnt = new Learnt();
        LinkPlan.of(INVENTORY, softwareIds, scopeIds).resolve(db, softwareIds, scopeIds, learnt);
        softwareIds.remember(learnt.software());
        scopeIds.remember(learnt.scopes());
        List<Software> newPackage = new java.util.ArrayList<>(INVENTORY);
        newPackage.add(Software.pkg("anydesk", "6.3.2", "philandro", "dpkg", "amd64"));
        assertThat(LinkPlan.of(newPackage, softwareIds, scopeIds).isPacked()).isFalse();
        List<Software> newScope = new java.util.ArrayList<>(INVENTORY);
        newScope.add(new Software("Zoom", "6.1", "Zoom", "windows-uninstall", "user:S-1-5-21-2", null, null, null, null));
        assertThat(LinkPlan.of(newScope, softwareIds, scopeIds).isPacked()).isFalse();
        LinkPlan.Packed resolved = LinkPlan.of(newScope, softwareIds, scopeIds).resolve(db, softwareIds, scopeIds, new Learnt());
        assertThat(resolved.count()).isEqualTo(5);
    }
}
