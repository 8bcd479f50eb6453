package org.aptrust.registry.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.apache.commons.text.StringSubstitutor;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.Test;

/** config/external.yml's replica settings from the environment, and registry.yml's none. */
class ReplicaSettingsTest {

    private static RegistryConfiguration read(String file, Map<String, String> environment) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("REGISTRY_DB_URL", "jdbc:postgresql://primary/registry");
        StringSubstitutor substitutor = new StringSubstitutor(env);
        substitutor.setValueDelimiter(":-");
        YamlConfigurationFactory<RegistryConfiguration> factory = new YamlConfigurationFactory<>(
                RegistryConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        return factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor),
                ConfigFiles.path(file));
    }

    @Test
    void noReplicasUnlessTheEnvironmentNamesThem() throws Exception {
        assertThat(read("external.yml", Map.of()).getDatabase().replicaUrls()).isEmpty();
        assertThat(read("registry.yml", Map.of()).getDatabase().replicaUrls()).isEmpty();
    }

    @Test
    void aCommaSeparatedListInOneVariable() throws Exception {
        RegistryConfiguration c = read("external.yml", Map.of("REGISTRY_DB_REPLICAS",
                "jdbc:postgresql://standby1:5432/registry, jdbc:postgresql://standby2:5432/registry",
                "REGISTRY_DB_REPLICA_MAX_LAG", "3s"));
        assertThat(c.getDatabase().replicaUrls()).isEqualTo(List.of("jdbc:postgresql://standby1:5432/registry",
                "jdbc:postgresql://standby2:5432/registry"));
        assertThat(c.getDatabase().replicaMaxLag()).hasSeconds(3);
        assertThat(c.getDatabase().readYourWritesFor()).hasSeconds(30);
    }
}
