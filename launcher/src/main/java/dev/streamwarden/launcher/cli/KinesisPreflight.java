package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.config.StreamwardenConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * Before {@code run} starts Flink: can the stream be read with the configured endpoint, region and credentials?
 * A wrong key, endpoint or stream name is then one line on the console, not a job restarting in a loop.
 */
final class KinesisPreflight {
    private KinesisPreflight() {}

    static void check(StreamwardenConfig config) {
        if (config.sourceType() != StreamwardenConfig.SourceType.KINESIS) {
            return;
        }
        // What the consumer will use: kinesis.consumer.* overrides kinesis.region and kinesis.endpoint.
        Properties consumer = config.consumerProperties();
        String provider = consumer.getProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "AUTO");
        if (!provider.equalsIgnoreCase("BASIC") && !provider.equalsIgnoreCase("AUTO")) {
            // PROFILE, ASSUME_ROLE, WEB_IDENTITY...: the connector's own chain; a check with another one could
            // refuse a configuration that works.
            return;
        }
        String region = consumer.getProperty(AWSConfigConstants.AWS_REGION, config.kinesisRegion());
        String endpoint = consumer.getProperty(AWSConfigConstants.AWS_ENDPOINT, config.kinesisEndpoint());
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(Region.of(region))
                .credentialsProvider(
                        provider.equalsIgnoreCase("BASIC")
                                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                        consumer.getProperty(AWSConfigConstants.AWS_ACCESS_KEY_ID, ""),
                                        consumer.getProperty(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, "")))
                                : DefaultCredentialsProvider.create())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(20)));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        try (KinesisClient client = builder.build()) {
            client.describeStreamSummary(b -> b.streamName(config.kinesisStream()));
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read stream '" + config.kinesisStream() + "' (region " + region
                    + (endpoint == null ? "" : ", endpoint " + endpoint) + "): " + e.getMessage());
        }
    }
}
