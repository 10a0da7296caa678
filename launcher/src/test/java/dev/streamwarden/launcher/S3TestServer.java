package dev.streamwarden.launcher;

import org.apache.flink.configuration.Configuration;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 API server of the tests (s3proxy, in memory), a client for it, and Flink's s3:// settings for it. */
final class S3TestServer {
    private S3TestServer() {}

    static S3ProxyExtension extension() {
        return S3ProxyExtension.builder()
                .withCredentials("access", "secret")
                .withBlobStoreProvider("transient")
                .build();
    }

    static S3Client client(S3ProxyExtension s3) {
        return S3Client.builder()
                .endpointOverride(s3.getUri())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.getAccessKey(), s3.getSecretKey())))
                .build();
    }

    /** Flink's S3 file system (flink-s3-fs-hadoop) pointed at {@code endpoint}: the server, or a relay before it. */
    static Configuration flink(S3ProxyExtension s3, String endpoint) {
        Configuration conf = new Configuration();
        conf.setString("s3.endpoint", endpoint);
        conf.setString("s3.path.style.access", "true");
        conf.setString("s3.access-key", s3.getAccessKey());
        conf.setString("s3.secret-key", s3.getSecretKey());
        return conf;
    }
}
