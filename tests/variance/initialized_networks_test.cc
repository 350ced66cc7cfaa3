// Tests of lib/variance/initialized_networks.h: the stream of network i is keyed by
// (seed, kFig2StreamKey, kind, i) whatever the first index of the source, MetaInit goes
// through lib/metainit, and only ZerO and identity count as deterministic.
#include "lib/variance/initialized_networks.h"

#include "gtest/gtest.h"
#include "lib/metainit/metainit.h"
#include "lib/nn/initializers.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::variance {
namespace {

const nn::MlpShape kShape{20, 6, 3, 10, 0.0};

TEST(NetworkStream, KeyedByKindAndIndex) {
  rng::RandomStream a = NetworkStream(nn::InitializerKind::kGsm, 9, 17);
  rng::RandomStream b(9, {kFig2StreamKey, static_cast<uint64_t>(nn::InitializerKind::kGsm), 17});
  for (int i = 0; i < 5; ++i) EXPECT_EQ(a.NextU64(), b.NextU64());
  rng::RandomStream c = NetworkStream(nn::InitializerKind::kHeNormal, 9, 17);
  EXPECT_NE(NetworkStream(nn::InitializerKind::kGsm, 9, 17).NextU64(), c.NextU64());
}

TEST(InitializedNetworks, NetworkJOfASourceIsNetworkFirstPlusJ) {
  const NetworkSource from0 = InitializedNetworks(nn::InitializerKind::kOrthogonal, 3, 0);
  const NetworkSource from5 = InitializedNetworks(nn::InitializerKind::kOrthogonal, 3, 5);
  nn::ReluMlp a(kShape), b(kShape), c(kShape);
  ASSERT_TRUE(from0(7, &a).ok());
  ASSERT_TRUE(from5(2, &b).ok());
  ASSERT_TRUE(nn::Initialize(nn::InitializerKind::kOrthogonal,
                             NetworkStream(nn::InitializerKind::kOrthogonal, 3, 7), &c)
                  .ok());
  for (int l = 0; l < kShape.num_layers(); ++l) {
    EXPECT_EQ(a.weight(l), b.weight(l)) << "layer " << l;
    EXPECT_EQ(a.weight(l), c.weight(l)) << "layer " << l;
  }
}

TEST(InitializedNetworks, MetaInitIsDeterministic) {
  metainit::MetaInitOptions options;
  options.steps = 3;
  const NetworkSource source = InitializedNetworks(nn::InitializerKind::kMetaInit, 4, 0, options);
  nn::ReluMlp a(kShape), b(kShape), he(kShape);
  ASSERT_TRUE(source(1, &a).ok());
  ASSERT_TRUE(source(1, &b).ok());
  for (int l = 0; l < kShape.num_layers(); ++l) EXPECT_EQ(a.weight(l), b.weight(l));
  // MetaInit changed the norms of the he_normal draw of its first attempt.
  ASSERT_TRUE(nn::Initialize(nn::InitializerKind::kHeNormal,
                             NetworkStream(nn::InitializerKind::kMetaInit, 4, 1).Child(0).Child(0),
                             &he)
                  .ok());
  EXPECT_NE(a.weight(0).norm(), he.weight(0).norm());
}

TEST(IsDeterministicInitializer, OnlyZerOAndIdentity) {
  for (const nn::InitializerKind kind : nn::AllInitializerKinds()) {
    EXPECT_EQ(IsDeterministicInitializer(kind),
              kind == nn::InitializerKind::kZerO || kind == nn::InitializerKind::kIdentity)
        << nn::InitializerName(kind);
  }
}

}  // namespace
}  // namespace vev::variance
