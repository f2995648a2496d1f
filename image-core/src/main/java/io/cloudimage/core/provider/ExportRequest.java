package io.cloudimage.core.provider;

import java.net.URI;

/**
 * Export an image's disk to object storage or a file.
 *
 * @param imageId the image to export
 * @param target where to write: {@code s3://bucket/prefix}, {@code oss://bucket/prefix} or a {@code
 *     file:} URI for the local provider
 * @param format the disk format to write ({@code raw}, {@code vmdk}, {@code vhd}, {@code qcow2})
 */
public record ExportRequest(String imageId, URI target, String format) {}
