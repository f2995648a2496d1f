/**
 * The Alibaba Cloud ECS provider: {@link io.cloudimage.aliyun.AliyunProviderFactory} opens an
 * {@link io.cloudimage.aliyun.AliyunProvider} over {@link io.cloudimage.aliyun.AliyunDriver}, which
 * speaks the ECS API (version 2014-05-26) through the official SDK. ECS-only rules live here as
 * data the caller can check before spending a call: {@link io.cloudimage.aliyun.SharingPolicy}
 * (share quotas, permission matrix and prices), {@link io.cloudimage.aliyun.FamilyLimits}, {@link
 * io.cloudimage.aliyun.SnapshotArchiveRules} and the cross-region {@link
 * io.cloudimage.aliyun.CopyWindow}.
 */
@NullMarked
package io.cloudimage.aliyun;

import org.jspecify.annotations.NullMarked;
