/* printf of floats and doubles in every conversion (%f %e %g %a) and a few
 * widths/precisions/flags, over many values. Exercises glibc's printf_fp,
 * which is heavy on 64-bit integer multiply/divide and FP. */
#include <float.h>
#include <math.h>
#include <stdio.h>

static const double D[] = {
    0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, -2.5, 3.141592653589793,
    2.718281828459045, 1e-300, 1e300, 123456789.125, 1.0 / 3.0, 2.0 / 3.0,
    6.02214076e23, 1.602176634e-19, 4.9406564584124654e-324, 2.2250738585072014e-308,
    1.7976931348623157e308, 9007199254740993.0, 0.000123456, 999999.5, 1e21, 1e22,
    -123.456, 5e-324, 100.0, 1e-5,
};
static const float F[] = {0.0f, 1.0f, 0.1f, 3.4028235e38f, 1.17549435e-38f, 1.4e-45f,
                          -2.5f, 16777217.0f, 0.333333343f, 1e10f};

int main(void) {
  for (unsigned i = 0; i < sizeof(D) / sizeof(D[0]); ++i) {
    double d = D[i];
    printf("%%f=%f %%e=%e %%g=%g %%a=%a\n", d, d, d, d);
    printf("  %%.0f=%.0f %%.3e=%.3e %%.17g=%.17g %%.3a=%.3a\n", d, d, d, d);
    printf("  [%12.4f] [%-12.3e] [%+g] [% .10g] [%#g] [%012.2f]\n", d, d, d, d, d, d);
  }
  for (unsigned i = 0; i < sizeof(F) / sizeof(F[0]); ++i) {
    float f = F[i];
    printf("float %.9g %a %f %e\n", f, f, f, f);
  }
  printf("inf %f %e %g %a %F\n", INFINITY, -INFINITY, INFINITY, -INFINITY, INFINITY);
  printf("nan %f %e %g %F\n", NAN, -NAN, NAN, NAN);
  printf("%.50f\n", 0.1);
  printf("%.0f %.0f %.0f %.0f\n", 0.5, 1.5, 2.5, 3.5);
  printf("%Lf %Le %Lg\n", (long double)1 / 3, (long double)1e100, (long double)0.1);
  printf("%*.*f|%-*d|\n", 10, 3, 2.0 / 7, 6, 42);
  double acc = 0;
  for (int i = 1; i <= 1000; ++i)
    acc += 1.0 / i;
  printf("harmonic(1000) = %.15f\n", acc);
  return 0;
}
