package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the launcher starts an application: extracted, with the class-data archive its training run recorded, and never
 * kept from starting by a missing, failed or outdated archive.
 */
class ApplicationJvmTest {

    /** The smallest application jar of this tree (the reactor builds it before deploy). */
    private static final Path GATEWAY_JAR = Path.of("..").resolve(App.GATEWAY.jar()).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void startsFromItsJarWhenTheJarCannotBeExtracted() throws Exception {
        Path root = dir.resolve("tree");
        Files.createDirectories(root.resolve("gateway/target"));
        Files.writeString(root.resolve(App.GATEWAY.jar()), "not a jar");
        ApplicationJvm jvm = new ApplicationJvm(App.GATEWAY, root, dir.resolve("runtimes"), dir.resolve("logs"));

        jvm.prepare();

        List<String> command = jvm.command();
        assertThat(command).endsWith("-jar", root.resolve(App.GATEWAY.jar()).toString());
        assertThat(command).noneMatch(option -> option.contains("Archive") || option.contains("DumpInfo"));
    }

    @Test
    void startsExtractedWithTheArchiveOnceThereIsOne() throws Exception {
        ApplicationJvm jvm = extractedCopyOfTheGateway();
        assertThat(jvm.command()).endsWith("-jar", dir.resolve("runtimes/apps/gateway/app/gateway.jar").toString())
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));

        assertThat(jvm.needsTraining()).isTrue();

        Path archive = dir.resolve("runtimes/apps/gateway/gateway.jsa");
        Files.writeString(archive, "an archive");
        assertThat(jvm.command()).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(jvm.needsTraining()).as("no training while there is an archive").isFalse();
    }

    @Test
    void theTrainingRunStopsAtTheRefreshListensNowhereTakesNoJobsAndRecordsBesideTheArchive() throws Exception {
        ApplicationJvm jvm = extractedCopyOfTheGateway();
        assertThat(jvm.trainingCommand()).contains("-Dspring.context.exit=onRefresh",
                "-XX:ArchiveClassesAtExit=" + dir.resolve("runtimes/apps/gateway/gateway.jsa.recording"));
        assertThat(ApplicationJvm.trainingEnvironment(Map.of("SERVER_PORT", "18080", "DB_URL", "jdbc:postgresql://db/x")))
                .containsEntry("SERVER_PORT", "0").containsEntry("MANAGEMENT_PORT", "0")
                .containsEntry("CAMUNDA_JOB_EXECUTION", "false").containsEntry("DB_URL", "jdbc:postgresql://db/x");
    }

    @Test
    void onlyATrainingRunThatEndedWellLeavesAnArchive() throws Exception {
        ApplicationJvm jvm = extractedCopyOfTheGateway();
        Path recording = dir.resolve("runtimes/apps/gateway/gateway.jsa.recording");
        Path archive = dir.resolve("runtimes/apps/gateway/gateway.jsa");

        Files.writeString(recording, "half an archive, as a JVM killed while writing leaves it");
        assertThat(jvm.trained(137)).isFalse();
        assertThat(recording).doesNotExist();
        assertThat(archive).doesNotExist();
        assertThat(jvm.command()).noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));

        Files.writeString(recording, "what a run stopped with the platform wrote");
        assertThat(jvm.trained(null)).isFalse();
        assertThat(recording).doesNotExist();

        Files.writeString(recording, "a whole archive");
        assertThat(jvm.trained(0)).isTrue();
        assertThat(jvm.command()).contains("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void aJarWithOtherContentsIsExtractedAgainAndItsOldArchiveDropped() throws Exception {
        ApplicationJvm jvm = extractedCopyOfTheGateway();
        Path archive = dir.resolve("runtimes/apps/gateway/gateway.jsa");
        Files.writeString(archive, "the old jar's archive");
        Path jar = dir.resolve("tree").resolve(App.GATEWAY.jar());

        // Rebuilt with the same contents: only its time changed. The extraction and the archive stay.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        jvm.prepare();
        assertThat(archive).exists();

        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Files.writeString(zip.getPath("BOOT-INF/classes/changed.txt"), "a change");
        }
        jvm.prepare();
        assertThat(archive).doesNotExist();
        assertThat(jvm.command()).noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"))
                .last().asString().endsWith("/apps/gateway/app/gateway.jar");
    }

    private ApplicationJvm extractedCopyOfTheGateway() throws Exception {
        assumeTrue(Files.isRegularFile(GATEWAY_JAR), "the gateway is built before deploy");
        Path root = dir.resolve("tree");
        Files.createDirectories(root.resolve("gateway/target"));
        Files.copy(GATEWAY_JAR, root.resolve(App.GATEWAY.jar()));
        ApplicationJvm jvm = new ApplicationJvm(App.GATEWAY, root, dir.resolve("runtimes"), dir.resolve("logs"));
        jvm.prepare();
        assertThat(dir.resolve("runtimes/apps/gateway/app/gateway.jar")).isRegularFile();
        assertThat(dir.resolve("runtimes/apps/gateway/app/lib")).isDirectory();
        return jvm;
    }
}
