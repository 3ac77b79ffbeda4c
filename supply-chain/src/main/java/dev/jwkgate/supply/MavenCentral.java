package dev.jwkgate.supply;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** A Maven repository over HTTP (Maven Central by default): {@code maven-metadata.xml} for versions, HEAD for jars. */
public final class MavenCentral implements ReleaseRepository {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public MavenCentral(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public List<String> versions(String group, String name) throws IOException {
        URI metadata = URI.create(base + "/" + group.replace('.', '/') + "/" + name + "/maven-metadata.xml");
        HttpResponse<InputStream> response = send(HttpRequest.newBuilder(metadata).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(metadata + " answered " + response.statusCode());
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList versions = factory.newDocumentBuilder().parse(body).getElementsByTagName("version");
            List<String> listed = new ArrayList<>();
            for (int i = 0; i < versions.getLength(); i++) {
                listed.add(versions.item(i).getTextContent().strip());
            }
            return listed;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable " + metadata + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasJar(Sbom.Component component, String version) throws IOException {
        String file = component.name() + "-" + version + (component.classifier().isEmpty() ? "" : "-" + component.classifier()) + ".jar";
        URI jar = URI.create(base + "/" + component.group().replace('.', '/') + "/" + component.name() + "/" + version + "/" + file);
        HttpRequest head = HttpRequest.newBuilder(jar).timeout(TIMEOUT).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        return send(head, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + request.uri(), e);
        }
    }
}
