#include <shapefil.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* shapelib's FOpen hook for the files Frontline reads: opened without blocking (a FIFO named as a
   shapefile or index would hang fopen) and refused unless regular. Writing modes go to fopen. */
static inline SAFile frontline_open_regular(const char *filename, const char *access) {
    if (strpbrk(access, "wa+") != NULL) return (SAFile)fopen(filename, access);
    int fd = open(filename, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (f == NULL) close(fd);
    return (SAFile)f;
}
