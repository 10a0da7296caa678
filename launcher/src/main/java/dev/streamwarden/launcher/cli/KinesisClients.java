package dev.streamwarden.launcher.cli;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/** The Kinesis client of peek, produce and sizing: {@code --region}, {@code --endpoint}, the default credentials. */
final class KinesisClients {
    private KinesisClients() {}

    /**
     * Region from {@code --region}, else AWS_REGION, else us-east-1; {@code --endpoint} overrides the address (an
     * emulator, a VPC endpoint). Credentials are the default chain's; where it finds none, placeholder keys, which
     * an emulator accepts and AWS refuses with a clear error.
     */
    static KinesisClient of(Args args) {
        String region = args.get("region", System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(Region.of(region))
                .credentialsProvider(AwsCredentialsProviderChain.of(
                        DefaultCredentialsProvider.create(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("no-credentials", "none"))));
        if (args.options.containsKey("endpoint")) {
            builder.endpointOverride(URI.create(args.get("endpoint", null)));
        }
        return builder.build();
    }
}
