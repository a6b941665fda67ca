/*
 * A UDP echo server for the port publishing tests: sends every datagram back to its sender.
 * argv[1] is the port. Built static so that it runs in any container.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY) };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	char buf[65536];

	if (argc != 2 || fd < 0)
		return 2;
	addr.sin_port = htons(atoi(argv[1]));
	if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0)
		return 1;
	for (;;) {
		struct sockaddr_in peer;
		socklen_t len = sizeof peer;
		ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&peer, &len);
		if (n >= 0)
			sendto(fd, buf, n, 0, (struct sockaddr *)&peer, len);
	}
}
