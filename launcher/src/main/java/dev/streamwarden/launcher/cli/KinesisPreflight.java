package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.config.StreamwardenConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(Region.of(config.kinesisRegion()))
                .credentialsProvider(credentials(config.consumerProperties()))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(20)));
        if (config.kinesisEndpoint() != null) {
            builder.endpointOverride(URI.create(config.kinesisEndpoint()));
        }
        try (KinesisClient client = builder.build()) {
            client.describeStreamSummary(b -> b.streamName(config.kinesisStream()));
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read stream '" + config.kinesisStream() + "' (region "
                    + config.kinesisRegion()
                    + (config.kinesisEndpoint() == null ? "" : ", endpoint " + config.kinesisEndpoint()) + "): "
                    + e.getMessage());
        }
    }

    /** The consumer's own credentials when it is given keys (BASIC), else the default chain, as the job uses. */
    private static AwsCredentialsProvider credentials(Properties consumer) {
        if ("BASIC".equalsIgnoreCase(consumer.getProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER))) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    consumer.getProperty(AWSConfigConstants.AWS_ACCESS_KEY_ID, ""),
                    consumer.getProperty(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, "")));
        }
        return DefaultCredentialsProvider.create();
    }
}
