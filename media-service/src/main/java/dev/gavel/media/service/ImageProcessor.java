package dev.gavel.media.service;

import dev.gavel.common.error.DomainException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
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

    /**
     * An accepted input format, the ImageIO reader for it, and the format it is re-encoded to. WebP is decoded with
     * TwelveMonkeys, which has no WebP encoder, so WebP uploads are stored as (lossless) PNG.
     */
    public enum Format {
        PNG("png", Output.PNG), JPEG("jpeg", Output.JPEG), WEBP("webp", Output.PNG);

        final String imageIoName;
        final Output output;

        Format(String imageIoName, Output output) {
            this.imageIoName = imageIoName;
            this.output = output;
        }
    }

    /** What is stored and served. */
    public enum Output {
        PNG("image/png", "png"), JPEG("image/jpeg", "jpeg");

        public final String contentType;
        final String imageIoName;

        Output(String contentType, String imageIoName) {
            this.contentType = contentType;
            this.imageIoName = imageIoName;
        }
    }

    /**
     * What an upload may cost: its pixels, the bytes its full raster would take, and the raster actually held (larger
     * images are decoded with subsampling to fit it).
     */
    public record Limits(long maxPixels, long maxDecodedBytes, long rasterBudget, int thumbnailSize) {
    }

    /** A re-encoded image and its thumbnail. */
    public record Processed(Output format, int width, int height, byte[] image, byte[] thumbnail) {
    }

    /** Markup or script inside an image file: the marks of HTML/JS/SVG/PHP polyglots. */
    /* at least five bytes each, so that compressed pixel data matches one by chance about once in 2^37 positions */
    private static final String[] SUSPICIOUS = {"<script", "<html>", "<html ", "<body>", "<body ", "<iframe", "<svg ",
            "<svg>", "<?php", "javascript:", "onerror=", "onload="};

    static {
        ImageIO.scanForPlugins(); // TwelveMonkeys' WebP reader, whatever class loader initialised ImageIO first
    }

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private ImageProcessor() {
    }

    public static Processed process(Path upload, Limits limits) throws IOException {
        Format format = sniff(upload);
        refusePolyglots(upload);
        BufferedImage image = decode(upload, format, limits);
        byte[] encoded = encode(image, format.output);
        byte[] thumbnail = encode(thumbnail(image, limits.thumbnailSize()), format.output);
        return new Processed(format.output, image.getWidth(), image.getHeight(), encoded, thumbnail);
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
        if (read == 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Format.WEBP;
        }
        throw DomainException.unsupportedType("UNSUPPORTED_IMAGE_TYPE",
                "Only PNG, JPEG and WebP images are accepted (judged by content, not by name).");
    }

    /** An image that also reads as HTML, script or SVG is refused rather than trusted to a browser's sniffing. */
    static void refusePolyglots(Path upload) throws IOException {
        byte[][] needles = new byte[SUSPICIOUS.length][];
        for (int i = 0; i < SUSPICIOUS.length; i++) {
            needles[i] = SUSPICIOUS[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        int[] matched = new int[needles.length];
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(upload))) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = (byte) Character.toLowerCase((char) (buffer[i] & 0xFF));
                    for (int k = 0; k < needles.length; k++) {
                        matched[k] = needles[k][matched[k]] == b ? matched[k] + 1 : (needles[k][0] == b ? 1 : 0);
                        if (matched[k] == needles[k].length) {
                            throw invalid("SUSPICIOUS_CONTENT",
                                    "The file contains markup or script besides the image (a polyglot) and is refused.");
                        }
                    }
                }
            }
        }
    }

    private static BufferedImage decode(Path upload, Format format, Limits limits) throws IOException {
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
                if (width * height > limits.maxPixels()) {
                    throw invalid("IMAGE_TOO_MANY_PIXELS", "The image has " + width + " x " + height
                            + " pixels; at most " + limits.maxPixels() + " pixels are accepted.");
                }
                long decodedBytes = width * height * bytesPerPixel(reader);
                if (decodedBytes > limits.maxDecodedBytes()) {
                    throw invalid("IMAGE_TOO_LARGE_DECODED", "The image would take " + decodedBytes
                            + " bytes once decoded; at most " + limits.maxDecodedBytes() + " are accepted.");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(decodedBytes, limits.rasterBudget());
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw invalid("INVALID_IMAGE", "The file could not be decoded as " + format + ".");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException problem) {
                throw problem;
            }
            throw invalid("INVALID_IMAGE", "The file could not be decoded as " + format + ".");
        }
    }

    /** Bytes one decoded pixel takes, from the reader's raw image type (16-bit RGBA: 8). */
    static long bytesPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        if (type == null) {
            return 4; // an 8-bit RGBA raster: what a reader without a raw type typically produces
        }
        int bits = 0;
        for (int size : type.getSampleModel(1, 1).getSampleSize()) {
            bits += size;
        }
        return Math.max(1, (bits + 7) / 8);
    }

    /** The smallest n such that every n-th pixel of every n-th row fits the budget (1: no subsampling). */
    static int subsampling(long decodedBytes, long budget) {
        int step = 1;
        while ((decodedBytes + (long) step * step - 1) / ((long) step * step) > budget) {
            step++;
        }
        return step;
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

    private static byte[] encode(BufferedImage image, Output format) throws IOException {
        BufferedImage pixels = image;
        if (format == Output.JPEG && (image.getColorModel().hasAlpha() || image.getType() == BufferedImage.TYPE_CUSTOM)) {
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
            if (format == Output.JPEG) {
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

    private static DomainException invalid(String code, String detail) {
        return DomainException.badRequest(code, detail);
    }
}
