package dev.streamwarden.job.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads secrets named by {@link SecretReference}s at start-up, with the default AWS credentials (on Managed Flink:
 * the application's IAM role, which needs {@code secretsmanager:GetSecretValue} on each secret). Each secret version
 * is fetched once however many keys use it. Errors name the configuration key and the ARN, never a secret value.
 */
final class SecretsManagerSecrets implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Start-up must fail with a message, not hang, when the service cannot be reached. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final Map<String, SecretsManagerClient> clientsByRegion = new HashMap<>();
    private final Map<String, String> secretsByVersion = new HashMap<>();

    /** {@code endpoint}: an override (VPC endpoint, local test server), or null for the region's. */
    SecretsManagerSecrets(URI endpoint) {
        this.endpoint = endpoint;
    }

    String resolve(String key, String reference) {
        SecretReference ref = SecretReference.parse(key, reference);
        String secret = secretsByVersion.get(ref.version());
        if (secret == null) {
            secret = fetch(key, ref);
            secretsByVersion.put(ref.version(), secret);
        }
        return ref.jsonKey == null ? secret : field(key, ref, secret);
    }

    private String fetch(String key, SecretReference ref) {
        SecretsManagerClient client = clientsByRegion.computeIfAbsent(ref.region, this::client);
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(b ->
                    b.secretId(ref.secretArn).versionStage(ref.versionStage).versionId(ref.versionId));
        } catch (SdkException e) {
            throw new ConfigException(key + ": cannot read " + ref.secretArn + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (response.secretString() != null) {
            return response.secretString();
        }
        if (response.secretBinary() != null) {
            return response.secretBinary().asUtf8String();
        }
        throw new ConfigException(key + ": " + ref.secretArn + " has no value");
    }

    private static String field(String key, SecretReference ref, String secret) {
        JsonNode json;
        try {
            json = MAPPER.readTree(secret);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new ConfigException(
                    key + ": " + ref.secretArn + " is not a JSON object, so it has no key '" + ref.jsonKey + "'");
        }
        JsonNode value = json.get(ref.jsonKey);
        if (value == null || !value.isValueNode() || value.isNull()) {
            List<String> keys = new ArrayList<>();
            json.fieldNames().forEachRemaining(keys::add);
            throw new ConfigException(key + ": " + ref.secretArn + " has no text value at key '" + ref.jsonKey
                    + "' (its keys: " + keys + ")");
        }
        return value.asText();
    }

    private SecretsManagerClient client(String region) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Override
    public void close() {
        clientsByRegion.values().forEach(SecretsManagerClient::close);
    }
}
