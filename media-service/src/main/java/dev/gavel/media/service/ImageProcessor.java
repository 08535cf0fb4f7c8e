package dev.gavel.media.service;

import dev.gavel.common.problem.ProblemException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Decides an upload's type from its content (magic bytes and a successful decode), refuses decompression bombs from
 * the header, and re-encodes the pixels so that nothing but the image survives (metadata such as EXIF/GPS, trailing
 * data, embedded scripts are all dropped).
 */
public final class ImageProcessor {

    /** A supported format: its MIME type, the ImageIO format name and its magic bytes. */
    public enum Format {
        PNG("image/png", "png"), JPEG("image/jpeg", "jpeg");

        public final String contentType;
        final String imageIoName;

        Format(String contentType, String imageIoName) {
            this.contentType = contentType;
            this.imageIoName = imageIoName;
        }
    }

    /** A re-encoded image and its thumbnail. */
    public record Processed(Format format, int width, int height, byte[] image, byte[] thumbnail) {
    }

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private ImageProcessor() {
    }

    public static Processed process(Path upload, long maxPixels, int thumbnailSize) throws IOException {
        Format format = sniff(upload);
        BufferedImage image = decode(upload, format, maxPixels);
        byte[] encoded = encode(image, format);
        byte[] thumbnail = encode(thumbnail(image, thumbnailSize), format);
        return new Processed(format, image.getWidth(), image.getHeight(), encoded, thumbnail);
    }

    static Format sniff(Path upload) throws IOException {
        byte[] head = new byte[12];
        int read;
        try (InputStream in = Files.newInputStream(upload)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read == 0) {
            throw invalid("EMPTY_FILE", "The file is empty.");
        }
        if (read >= PNG_MAGIC.length && Arrays.equals(Arrays.copyOf(head, PNG_MAGIC.length), PNG_MAGIC)) {
            return Format.PNG;
        }
        if (read >= JPEG_MAGIC.length && Arrays.equals(Arrays.copyOf(head, JPEG_MAGIC.length), JPEG_MAGIC)) {
            return Format.JPEG;
        }
        throw new ProblemException(415, "Unsupported Media Type", "UNSUPPORTED_IMAGE_TYPE",
                "Only PNG and JPEG images are accepted (judged by content, not by name).", null);
    }

    private static BufferedImage decode(Path upload, Format format, long maxPixels) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(upload.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw invalid("INVALID_IMAGE", "The image has no pixels.");
                }
                if (width * height > maxPixels) {
                    throw invalid("IMAGE_TOO_MANY_PIXELS", "The image has " + width + " x " + height
                            + " pixels; at most " + maxPixels + " pixels are accepted.");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw invalid("INVALID_IMAGE", "The file could not be decoded as " + format + ".");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw invalid("INVALID_IMAGE", "The file could not be decoded as " + format + ".");
        }
    }

    private static BufferedImage thumbnail(BufferedImage image, int box) {
        double scale = Math.min(1.0, Math.min((double) box / image.getWidth(), (double) box / image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage thumb = new BufferedImage(w, h, image.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return thumb;
    }

    private static byte[] encode(BufferedImage image, Format format) throws IOException {
        BufferedImage pixels = image;
        if (format == Format.JPEG && (image.getColorModel().hasAlpha() || image.getType() == BufferedImage.TYPE_CUSTOM)) {
            pixels = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = pixels.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format.imageIoName).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == Format.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.9f);
            }
            // no metadata is passed on: the new file carries only the pixels
            writer.write(null, new IIOImage(pixels, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static ProblemException invalid(String code, String detail) {
        return new ProblemException(400, "Bad Request", code, detail, null);
    }
}
