#include <stdio.h>

int main(void)
{
    printf("Hello from Cygwin on Windows\n");
    return 0;
}
