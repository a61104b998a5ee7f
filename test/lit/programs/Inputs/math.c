/* libm: elementary functions printed with %.17g (bit-exact comparisons),
 * rounding functions, classification, and fenv rounding-mode changes. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

static const double X[] = {0.0, -0.0, 0.5, 1.0, -1.0, 2.0, 3.141592653589793, 10.0, 1e-10,
                           123.456, -7.25, 1e10, 0.7853981633974483, 700.0};

int main(void) {
  for (unsigned i = 0; i < sizeof X / sizeof X[0]; ++i) {
    double x = X[i];
    printf("x=%.17g\n", x);
    printf("  sin=%.17g cos=%.17g tan=%.17g\n", sin(x), cos(x), tan(x));
    printf("  exp=%.17g log=%.17g log10=%.17g log2=%.17g\n", exp(x), log(x), log10(x), log2(x));
    printf("  sqrt=%.17g cbrt=%.17g pow(x,2.5)=%.17g pow(2,x)=%.17g\n", sqrt(x), cbrt(x),
           pow(x, 2.5), pow(2.0, x));
    printf("  atan=%.17g atan2(x,-3)=%.17g asin=%.17g acos=%.17g\n", atan(x), atan2(x, -3.0),
           asin(x), acos(x));
    printf("  sinh=%.17g cosh=%.17g tanh=%.17g expm1=%.17g log1p=%.17g\n", sinh(x), cosh(x),
           tanh(x), expm1(x), log1p(x));
    printf("  fmod(x,0.75)=%.17g remainder(x,0.75)=%.17g hypot(x,4)=%.17g\n", fmod(x, 0.75),
           remainder(x, 0.75), hypot(x, 4.0));
    printf("  floor=%g ceil=%g round=%g trunc=%g rint=%g nearbyint=%g lround=%ld\n", floor(x),
           ceil(x), round(x), trunc(x), rint(x), nearbyint(x), lround(x));
    printf("  fabs=%g copysign=%g fma=%.17g frexp-exp=", fabs(x), copysign(3.0, x),
           fma(x, x, -1.0));
    int e;
    double m = frexp(x, &e);
    printf("%d mant=%.17g ldexp=%.17g\n", e, m, ldexp(x, 3));
  }
  float f = 0.1f;
  printf("sinf=%.9g expf=%.9g sqrtf=%.9g powf=%.9g logf=%.9g\n", sinf(f), expf(f), sqrtf(f),
         powf(f, 1.5f), logf(f));
  printf("tgamma(5)=%.17g lgamma(10)=%.17g erf(0.5)=%.17g\n", tgamma(5.0), lgamma(10.0), erf(0.5));
  printf("isnan=%d isinf=%d isfinite=%d signbit=%d fpclassify=%d\n", isnan(NAN) != 0,
         isinf(-INFINITY) != 0, isfinite(1.0) != 0, signbit(-0.0) != 0, fpclassify(1e-310));
  printf("sqrt(-1)=%g log(0)=%g log(-1)=%g exp(1000)=%g\n", sqrt(-1.0), log(0.0), log(-1.0),
         exp(1000.0));
  /* rounding modes through fenv (fesetround writes frm) */
  const int modes[] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};
  const char *names[] = {"nearest", "towardzero", "downward", "upward"};
  for (int i = 0; i < 4; ++i) {
    fesetround(modes[i]);
    volatile double a = 1.0, b = 3.0, c = -2.5;
    printf("%s: 1/3=%.17g -1/3=%.17g rint(-2.5)=%g rint(2.5)=%g getround-ok=%d\n", names[i],
           a / b, -a / b, rint(c), rint(-c), fegetround() == modes[i]);
  }
  fesetround(FE_TONEAREST);
  feclearexcept(FE_ALL_EXCEPT);
  volatile double z = 0.0;
  volatile double q = 1.0 / z;
  printf("divbyzero raised=%d inexact=%d q=%g\n", fetestexcept(FE_DIVBYZERO) != 0,
         fetestexcept(FE_INEXACT) != 0, q);
  return 0;
}
